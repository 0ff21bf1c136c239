#ifndef SSDP_H
#define SSDP_H

#include <stdbool.h>
#include <stddef.h>

struct plug;

/* OpenBeken answers any datagram that starts with M-SEARCH (drv_ssdp.c). */
bool ssdp_is_msearch(const char *buf, size_t len);
/* The byte layouts of drv_ssdp.c; LOCATION carries our real HTTP port.
 * Each returns the length written or -ENOSPC. */
int ssdp_format_reply(struct plug *p, char *buf, size_t cap);
int ssdp_format_notify(struct plug *p, char *buf, size_t cap);
int ssdp_format_xml(struct plug *p, char *buf, size_t cap);
void ssdp_uuid(const struct plug *p, char *buf, size_t cap);

#endif
