// finally runs even when the try block returns.
function withCleanup() {
  const resource = { open: true };
  try {
    return "result";
  } finally {
    resource.open = false;
    checkpoint("cleanup");
  }
}
console.log(withCleanup());
checkpoint("after");
