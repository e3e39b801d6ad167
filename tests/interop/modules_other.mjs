// A second module, for the "same name, another URL" test.
export const getMessage = () => "other";
