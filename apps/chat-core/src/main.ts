// chat-core: conversations, dialogue policy, web chat and agent console.
// Composition root: parse config once, build the service from libs, listen.
import { loadConfigOrExit } from '@ciclo/platform-config';
import { runService } from '@ciclo/platform-runtime';
import { loadConfig } from './config';

const env = loadConfigOrExit(() => loadConfig(process.env));
await runService({ name: 'chat-core', env, outboxRelay: env.OUTBOX_RELAY_ENABLED });
