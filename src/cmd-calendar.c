/* cmd-calendar.c: `kaohe calendar` — placeholder until its issue lands. */
#include <sysexits.h>

#include "cmd.h"
#include "msg.h"

int cmd_calendar(int argc, char **argv, struct kh_ctx *ctx)
{
	(void)argc;
	(void)argv;
	(void)ctx;
	kh_error("calendar: %s", kh_tr("尚未实现", "not implemented yet"));
	return EX_SOFTWARE;
}
