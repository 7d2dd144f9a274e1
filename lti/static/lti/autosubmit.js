// Posts the deep-linking response back to the LMS as soon as the page loads (the button is there without JS).
document.querySelectorAll("form[data-lti-autosubmit]").forEach((form) => form.submit());
