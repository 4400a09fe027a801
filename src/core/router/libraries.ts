/**
 * Libraries, runtimes and APIs released after the local models' training data (docs/architecture.md, "Routing targets":
 * "2025 and later"). Users extend the table through RouterConfig.libraries; an entry only counts
 * when its `released` month is on or after RouterConfig.knowledgeCutoff.
 *
 * `names` are regular-expression sources (case-insensitive) for how people write the name;
 * `version` is the first release that is new (a mention of that version or a later one counts).
 * An entry without `version` is a post-cutoff API as a whole (e.g. OpenAI's Responses API).
 */
export interface PostCutoffLibrary {
  name: string;
  names: string[];
  version?: string;
  /** YYYY-MM of the first release of `version` (or of the API). */
  released: string;
}

export const defaultPostCutoffLibraries: readonly PostCutoffLibrary[] = [
  // JavaScript / TypeScript front end
  { name: 'React', names: ['react(?:\\.js|js)?', 'react-dom', '리액트'], version: '19', released: '2024-12' },
  { name: 'React Compiler', names: ['react compiler'], released: '2025-10' },
  { name: 'Next.js', names: ['next(?:\\.js|js)', '넥스트(?:\\s*js)?'], version: '15', released: '2024-10' },
  { name: 'Tailwind CSS', names: ['tailwind(?:\\s*css|css)?', '테일윈드'], version: '4', released: '2025-01' },
  { name: 'Vite', names: ['vite'], version: '6', released: '2024-11' },
  { name: 'Vitest', names: ['vitest'], version: '3', released: '2025-01' },
  { name: 'Angular', names: ['angular', '앵귤러'], version: '19', released: '2024-11' },
  { name: 'Svelte', names: ['svelte', '스벨트'], version: '5', released: '2024-10' },
  { name: 'Nuxt', names: ['nuxt'], version: '4', released: '2025-07' },
  { name: 'Vue', names: ['vue(?:\\.js|js)?'], version: '3.6', released: '2025-10' },
  { name: 'Astro', names: ['astro'], version: '5', released: '2024-12' },
  { name: 'React Router', names: ['react[- ]router', 'remix'], version: '7', released: '2024-11' },
  { name: 'React Native', names: ['react[- ]native', 'RN(?=[\\s@v])'], version: '0.76', released: '2024-10' },
  { name: 'Expo SDK', names: ['expo(?:\\s*sdk)?'], version: '52', released: '2024-11' },
  { name: 'Storybook', names: ['storybook'], version: '9', released: '2025-06' },
  { name: 'Jest', names: ['jest'], version: '30', released: '2025-06' },
  { name: 'MUI', names: ['mui', 'material[- ]ui'], version: '7', released: '2025-03' },
  { name: 'Chakra UI', names: ['chakra(?:[- ]ui)?'], version: '3', released: '2024-10' },
  { name: 'Apollo Client', names: ['apollo(?:[- ]client)?'], version: '4', released: '2025-09' },
  { name: 'Zod', names: ['zod'], version: '4', released: '2025-07' },
  { name: 'ESLint', names: ['eslint'], version: '10', released: '2026-02' },
  { name: 'Biome', names: ['biome'], version: '2', released: '2025-06' },
  { name: 'TypeScript', names: ['typescript', 'TS(?=[\\s@v])', '타입스크립트'], version: '5.8', released: '2025-03' },
  { name: 'Electron', names: ['electron'], version: '34', released: '2025-01' },
  { name: 'Tauri', names: ['tauri'], version: '2', released: '2024-10' },
  { name: 'Prisma', names: ['prisma'], version: '6', released: '2024-11' },
  { name: 'Express', names: ['express(?:\\.js|js)?'], version: '5', released: '2025-03' },
  { name: 'pnpm', names: ['pnpm'], version: '10', released: '2025-01' },
  { name: 'Node.js', names: ['node(?:\\.js|js)?', '노드(?:\\s*js)?'], version: '23', released: '2024-10' },
  { name: 'Bun', names: ['bun'], version: '1.2', released: '2025-01' },
  { name: 'Deno', names: ['deno'], version: '2', released: '2024-10' },
  { name: 'Vercel AI SDK', names: ['ai[- ]sdk', 'vercel ai'], version: '5', released: '2025-07' },
  // AI APIs and SDKs
  { name: 'OpenAI Responses API', names: ['responses api', 'responses\\.create'], released: '2025-03' },
  { name: 'OpenAI Agents SDK', names: ['openai agents sdk', 'agents sdk'], released: '2025-03' },
  { name: 'OpenAI Node SDK', names: ['openai(?:[- ]node)?(?: sdk)?'], version: '5', released: '2025-05' },
  { name: 'Claude Agent SDK', names: ['claude agent sdk', 'claude code sdk'], released: '2025-09' },
  { name: 'Model Context Protocol', names: ['model context protocol', 'MCP'], released: '2024-11' },
  { name: 'LangChain', names: ['langchain'], version: '1', released: '2025-10' },
  { name: 'LangGraph', names: ['langgraph'], version: '1', released: '2025-10' },
  // Python
  { name: 'Python', names: ['python', 'cpython', '파이썬'], version: '3.13', released: '2024-10' },
  { name: 'Django', names: ['django', '장고'], version: '5.2', released: '2025-04' },
  { name: 'NumPy', names: ['numpy'], version: '2.3', released: '2025-06' },
  { name: 'pandas', names: ['pandas'], version: '3', released: '2026-01' },
  { name: 'PyTorch', names: ['pytorch', 'torch', '파이토치'], version: '2.6', released: '2025-01' },
  { name: 'Transformers', names: ['(?:hugging ?face )?transformers'], version: '5', released: '2025-12' },
  { name: 'Pydantic', names: ['pydantic'], version: '2.11', released: '2025-04' },
  // Other ecosystems
  { name: 'Go', names: ['go(?:lang)?'], version: '1.24', released: '2025-02' },
  { name: 'Rust 2024 edition', names: ['rust(?: edition)?', 'edition'], version: '2024', released: '2025-02' },
  { name: 'Rust', names: ['rust(?:c)?'], version: '1.85', released: '2025-02' },
  { name: 'Java', names: ['java', 'jdk', 'openjdk', '자바'], version: '24', released: '2025-03' },
  { name: 'Spring Boot', names: ['spring[- ]boot', '스프링\\s*부트'], version: '3.5', released: '2025-05' },
  { name: 'Spring Framework', names: ['spring(?: framework)?'], version: '7', released: '2025-11' },
  { name: 'Kotlin', names: ['kotlin', '코틀린'], version: '2.1', released: '2024-11' },
  { name: 'Gradle', names: ['gradle'], version: '9', released: '2025-07' },
  { name: 'Swift', names: ['swift', '스위프트'], version: '6.1', released: '2025-03' },
  { name: 'Xcode / iOS 26', names: ['xcode', 'ios', 'ipados', 'macos', 'swiftui'], version: '26', released: '2025-09' },
  { name: 'Android 15', names: ['android', '안드로이드'], version: '15', released: '2024-10' },
  { name: 'Android target SDK 35', names: ['target\\s*sdk(?:\\s*version)?'], version: '35', released: '2024-10' },
  { name: '.NET', names: ['\\.net', 'dotnet', 'asp\\.net(?: core)?'], version: '9', released: '2024-11' },
  { name: 'C#', names: ['c#'], version: '14', released: '2025-11' },
  { name: 'Laravel', names: ['laravel'], version: '12', released: '2025-02' },
  { name: 'Rails', names: ['rails', 'ruby on rails'], version: '8', released: '2024-11' },
  { name: 'PHP', names: ['php'], version: '8.4', released: '2024-11' },
  { name: 'Kubernetes', names: ['kubernetes', 'k8s'], version: '1.32', released: '2024-12' },
  { name: 'Unity 6', names: ['unity'], version: '6', released: '2024-10' },
  { name: 'Godot', names: ['godot'], version: '4.4', released: '2025-03' },
  // Data, infrastructure and tooling (added with the classifier; release months from the projects' release notes)
  { name: 'PostgreSQL', names: ['postgres(?:ql)?', '포스트그레스(?:큐엘)?'], version: '18', released: '2025-09' },
  { name: 'MySQL', names: ['mysql'], version: '9.1', released: '2024-10' },
  { name: 'MongoDB', names: ['mongo(?:db)?', '몽고(?:db|디비)?'], version: '8', released: '2024-10' },
  { name: 'Redis', names: ['redis', '레디스'], version: '8', released: '2025-05' },
  { name: 'Elasticsearch', names: ['elastic(?:search)?', '엘라스틱(?:서치)?'], version: '9', released: '2025-04' },
  { name: 'OpenSearch', names: ['opensearch'], version: '3', released: '2025-05' },
  { name: 'Apache Kafka', names: ['kafka', '카프카'], version: '4', released: '2025-03' },
  { name: 'Apache Spark', names: ['spark', '스파크'], version: '4', released: '2025-05' },
  { name: 'Apache Airflow', names: ['airflow', '에어플로우'], version: '3', released: '2025-04' },
  { name: 'Celery', names: ['celery'], version: '5.5', released: '2025-03' },
  { name: 'Terraform', names: ['terraform', '테라폼'], version: '1.10', released: '2024-11' },
  { name: 'Prometheus', names: ['prometheus', '프로메테우스'], version: '3', released: '2024-11' },
  { name: 'Grafana', names: ['grafana', '그라파나'], version: '12', released: '2025-05' },
  { name: 'Argo CD', names: ['argo\\s*cd'], version: '3', released: '2025-05' },
  { name: 'Helm', names: ['helm'], version: '4', released: '2025-11' },
  { name: 'Docker Engine', names: ['docker(?: engine)?'], version: '28', released: '2025-02' },
  { name: 'npm', names: ['npm'], version: '11', released: '2024-12' },
  { name: 'NestJS', names: ['nest(?:\\.js|js)', '네스트\\s*js'], version: '11', released: '2025-01' },
  { name: 'Cypress', names: ['cypress'], version: '14', released: '2025-01' },
  { name: 'Flutter', names: ['flutter', '플러터'], version: '3.27', released: '2024-12' },
  { name: 'Dart', names: ['dart'], version: '3.6', released: '2024-12' },
  { name: 'Ruby', names: ['ruby', '루비'], version: '3.4', released: '2024-12' },
  { name: 'Elixir', names: ['elixir'], version: '1.18', released: '2024-12' },
  { name: 'Phoenix LiveView', names: ['(?:phoenix )?live ?view'], version: '1', released: '2024-12' },
  { name: 'Zig', names: ['zig'], version: '0.14', released: '2025-03' },
  { name: 'axum', names: ['axum'], version: '0.8', released: '2025-01' },
  { name: 'Bevy', names: ['bevy'], version: '0.15', released: '2024-11' },
  { name: 'GCC', names: ['gcc'], version: '15', released: '2025-04' },
  { name: 'Clang / LLVM', names: ['clang', 'llvm'], version: '20', released: '2025-03' },
  { name: 'CUDA', names: ['cuda'], version: '12.8', released: '2025-01' },
  { name: 'Hibernate', names: ['hibernate'], version: '7', released: '2025-05' },
  { name: 'Jackson', names: ['jackson'], version: '3', released: '2025-10' },
  { name: 'Jakarta EE', names: ['jakarta(?: ee)?'], version: '11', released: '2025-06' },
  { name: 'Symfony', names: ['symfony'], version: '7.2', released: '2024-11' },
  {
    name: 'Entity Framework Core',
    names: ['ef ?core', 'entity framework(?: core)?'],
    version: '9',
    released: '2024-11',
  },
  { name: 'Unreal Engine', names: ['unreal(?: engine)?', 'UE(?=[\\s@v])'], version: '5.5', released: '2024-11' },
  { name: 'scikit-learn', names: ['scikit[- ]learn', 'sklearn', '사이킷런'], version: '1.6', released: '2024-12' },
  { name: 'TensorFlow', names: ['tensorflow', '텐서플로(?:우)?'], version: '2.18', released: '2024-10' },
  // AI models and SDKs
  { name: 'Google Gen AI SDK', names: ['google[- ]genai', 'google gen ?ai sdk'], released: '2024-12' },
  { name: 'Gemini', names: ['gemini'], version: '2', released: '2024-12' },
  { name: 'Claude', names: ['claude'], version: '3.7', released: '2025-02' },
  { name: 'GPT', names: ['gpt-?'], version: '4.1', released: '2025-04' },
];

/** Compares dotted versions numerically: '3.13' < '3.14', '3.2' < '3.13', '19' < '19.2'. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = Number(pa[i] ?? 0);
    const y = Number(pb[i] ?? 0);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
