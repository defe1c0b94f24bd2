// The published client lands here with its own issue; this package sees only API types.
export {};
