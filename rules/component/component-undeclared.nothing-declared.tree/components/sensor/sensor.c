/* the project's own component: no license file, no version macro, not a dependency */
// mamori-ok: component-undeclared
int sensor_read(void) { return 42; }
