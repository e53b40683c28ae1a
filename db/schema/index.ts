export * from './areas';
export * from './registry';
export * from './hospitals';
export * from './users';
export * from './audit';
export * from './matching';
export * from './registry-counts';
export * from './certification';
