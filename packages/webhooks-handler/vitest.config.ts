import { nodeAndEdgeConfig } from '../../vitest.shared';

export default nodeAndEdgeConfig(['src/drizzle/**', 'src/cli/**', 'bench/**']);
