#include "testkit.h"
int main(void) { return testkit_exit(); }
