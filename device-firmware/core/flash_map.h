#ifndef FLASH_MAP_H
#define FLASH_MAP_H

/* The BL602 2 MiB layout OpenBeken uses (OpenBL602 partition_cfg_2M.toml),
 * with our own records in the PSM/DATA areas. Both slots are limited to the
 * smaller one so an image fits whichever slot is inactive. */
#define FLASH_MAP_SIZE          0x200000u
#define FLASH_MAP_SLOTS_A       0x00E000u /* slot table, two copies */
#define FLASH_MAP_SLOTS_B       0x00F000u
#define FLASH_MAP_SLOT0         0x010000u
#define FLASH_MAP_SLOT0_SIZE    0x0C8000u
#define FLASH_MAP_SLOT1         0x0D8000u
#define FLASH_MAP_SLOT1_SIZE    0x088000u
#define FLASH_MAP_OTA_MAX       0x088000u /* 557,056 bytes, the seed's OTA partition */
#define FLASH_MAP_CONFIG_A      0x1E9000u
#define FLASH_MAP_CONFIG_B      0x1EA000u
#define FLASH_MAP_FVLOG         0x1F3000u /* energy/relay/boot-count log */
#define FLASH_MAP_FVLOG_SECTORS 5u

#endif
