import { LowStore } from '../../server/store/low/low-store';
import { makeTempDir } from '../helpers/temp-dir';
import { storeContract } from './contract';

storeContract('lowdb files', () => {
  let temp: { dir: string; cleanup: () => Promise<void> } | undefined;
  return {
    open: async () => {
      temp = await makeTempDir('handoff-store-');
      return LowStore.open(temp.dir);
    },
    reopen: () => LowStore.open((temp as { dir: string }).dir),
    cleanup: async () => temp?.cleanup(),
  };
});
