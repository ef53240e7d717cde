import { nodeAndEdgeConfig } from '../../vitest.shared';

export default nodeAndEdgeConfig(['src/clerk-api/**', 'src/postgres/**']);
