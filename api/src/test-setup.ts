// type-graphql decorators need the metadata polyfill loaded before any type is declared.
import 'reflect-metadata';
