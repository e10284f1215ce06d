/* one file is not a project: nothing about the repository is reported here */
// mamori-ok: policy-security-policy-missing
int main(void) { return 0; }
