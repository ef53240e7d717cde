export {
  type PostgresServer,
  type PostgresServerOptions,
  startPostgresServer,
} from './start-postgres-server';
