// Package entry point; filled as the package grows.
export {};
