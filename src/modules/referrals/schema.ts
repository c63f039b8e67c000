// The tables of the referrals module.
export {};
