import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';

/** The transaction adapter type, for `TransactionHost<Tx>` and `@Transactional<Tx>()`. */
export type Tx = TransactionalAdapterTypeOrm;
