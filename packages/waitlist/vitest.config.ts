import { nodeAndEdgeConfig } from '../../vitest.shared';

export default nodeAndEdgeConfig(['src/next/**', 'src/next/client/**']);
