// The 120 center's console in the browser. It only talks to the dispatcher that served it.
import { ConsoleApp } from './console_app.js';

const app = new ConsoleApp(document);
app.start();
