// finally runs whether or not the try block threw.
function risky(fail) {
  const log = [];
  try {
    log.push("start");
    if (fail) throw new Error("boom");
    log.push("ok");
  } catch (err) {
    log.push("caught " + err.message);
  } finally {
    log.push("finally");
    checkpoint("finally " + fail);
  }
  return log;
}
console.log(risky(false).join(","));
console.log(risky(true).join(","));
