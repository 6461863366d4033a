import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { connectIpc } from './lib/ipc-client.ts';
import { AppState } from './lib/app-state.svelte.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
const state = new AppState(connectIpc());
mount(App, { target, props: { app: state } });
void state.start();
