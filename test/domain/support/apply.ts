export { applyToSnapshot as apply } from "../../../src/domain/apply";
