/**
 * The former name, kept so callers not yet moved (fund/, donors/) still compile: the same class and
 * the same Nest provider. Import CountersRepository from './counters.repository' in new code.
 */
export { CountersRepository as Counters } from './counters.repository';
