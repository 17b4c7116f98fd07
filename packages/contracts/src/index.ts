export * from './digits.ts';
export * from './governorates.ts';
export * from './national-id.ts';
export * from './problems.ts';
export * from './identity.ts';
export * from './offices.ts';
export * from './reference.ts';
export * from './audit.ts';
