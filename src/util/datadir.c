/* datadir.c: finds the data root.  The binary built in the tree runs
 * uninstalled: when /proc/self/exe lies under the build directory, the
 * source tree's data/ and templates/ are used. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "msg.h"

static char *cached_root;

static int running_from_build_tree(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	char *builddir = realpath(KAOHE_BUILDDIR, NULL);
	if (!builddir)
		return 0;
	size_t len = strlen(builddir);
	int inside = strncmp(exe, builddir, len) == 0 && exe[len] == '/';
	free(builddir);
	return inside;
}

const char *kh_datadir(void)
{
	if (cached_root)
		return cached_root;
	const char *env = getenv("KAOHE_DATADIR");
	if (env && *env)
		cached_root = kh_xstrdup(env);
	else if (running_from_build_tree())
		cached_root = kh_xstrdup(KAOHE_SRCDIR);
	else
		cached_root = kh_xstrdup(KAOHE_PKGDATADIR);
	return cached_root;
}

char *kh_data_path(const char *relative)
{
	return kh_xasprintf("%s/%s", kh_datadir(), relative);
}
