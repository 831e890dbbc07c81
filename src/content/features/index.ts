// Every feature, one line each. Adding a hint for a new page: one new file, one line here.
import './migration-hints';
