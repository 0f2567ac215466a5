/** The dashboard's pages with data, by route (the explorer is GraphiQL). */
export const PAGES = [
  'overview',
  'roll-rates',
  'forecast',
  'agents',
  'outcomes',
  'strategies',
  'cure',
  'vintages',
  'channels',
  'plans-legal',
  'cases',
  'explore',
  'work-queue',
  'models',
  'report',
];
