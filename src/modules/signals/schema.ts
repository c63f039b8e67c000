// The tables of the signals module.
export {};
