// Cross-package and end-to-end tests live here.
export {};
