// The account-audit benchmark lands with the account audit (issue 7).
console.log('The account-audit benchmark is not built yet.')
export {}
