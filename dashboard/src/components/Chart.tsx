/**
 * A chart's frame: an accessible name and description; the chart itself is
 * recharts. The height grows with the root font size (wall screens), never
 * below `height` px.
 */
import type { ReactNode } from 'react';

export function ChartFigure({
  label,
  description,
  height = 280,
  children,
}: {
  label: string;
  description?: string;
  height?: number;
  children: ReactNode;
}) {
  return (
    <figure
      className="chart"
      role="group"
      aria-label={label}
      style={{ height: `max(${height}px, ${height / 14}rem)` }}
    >
      {children}
      {description && <figcaption className="sr-only">{description}</figcaption>}
    </figure>
  );
}
