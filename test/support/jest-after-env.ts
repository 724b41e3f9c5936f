import { takeContractProblems } from './response-contract';

// Every response an e2e test provoked must agree with the served OpenAPI document (response-contract.ts).
afterEach(() => {
  const problems = takeContractProblems();
  if (problems.length) {
    throw new Error(`responses disagree with /api/docs-json:\n  ${problems.join('\n  ')}`);
  }
});
