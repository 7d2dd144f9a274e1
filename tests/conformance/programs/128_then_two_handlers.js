// then(onFulfilled, onRejected): the second argument handles a rejection of this promise only.
Promise.reject(new Error("early"))
  .then(
    () => console.log("not called"),
    (e) => {
      console.log("handled", e.message);
      return 5;
    },
  )
  .then((v) => console.log("next", v));
Promise.resolve(1)
  .then(
    () => {
      throw new Error("from fulfil");
    },
    () => console.log("not this one"),
  )
  .catch((e) => console.log("later catch", e.message));
