// The tables of the insights module.
export {};
