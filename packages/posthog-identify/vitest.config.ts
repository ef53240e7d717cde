import { nodeAndEdgeConfig } from '../../vitest.shared';

export default nodeAndEdgeConfig(['src/server/**', 'src/next/**']);
