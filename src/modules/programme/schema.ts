// The tables of the programme module.
export {};
