export function getMessage() {
  return 'Olá do JavaScript!';
}
