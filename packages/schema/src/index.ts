export * from './wireSchema';
