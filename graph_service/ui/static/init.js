// GOV.UK Frontend's components (service navigation menu, error summary focus, buttons).
import { initAll } from "/assets/govuk-frontend.min.js";

initAll();
