import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from '../ipc/preload-api.ts';

contextBridge.exposeInMainWorld('superboard', createPreloadApi(ipcRenderer));
