// A return in finally replaces the pending result, even an exception.
function decide() {
  try {
    throw new Error("lost");
  } finally {
    checkpoint("finally");
    return "from finally";
  }
}
function nested() {
  let trail = "";
  for (let i = 0; i < 3; i++) {
    try {
      if (i === 1) continue;
      trail += i;
    } finally {
      trail += "f";
    }
  }
  return trail;
}
console.log(decide(), nested());
