"""JupyterHub on one machine for a class using the occipital neuralgia kit.

    jupyterhub -f /opt/anatomy-kit/deploy/jupyterhub/jupyterhub_config.py

See README.md beside this file for the whole installation. Each setting that a site is
likely to change reads an environment variable, so this file stays as it is in git:

- ``ANATOMY_KIT_DIR``: the kit's checkout, with its ``.venv`` made by ``make venv``
  (default ``/opt/anatomy-kit``);
- ``ANATOMY_KIT_SHARED_DATA``: the geometry store, built once for every student by
  ``tools/build_store.py --dest`` (default ``/srv/anatomy-kit/store``, read-only to them);
- ``ANATOMY_KIT_MEM_LIMIT``, ``ANATOMY_KIT_CPU_LIMIT``: per-student limits (defaults
  below, sized by ``make loadtest``);
- ``ANATOMY_KIT_STUDENT_GROUP``, ``ANATOMY_KIT_ADMINS``: who may log in (a Unix group)
  and who administers the hub (comma-separated user names).

Students log in with their Unix account (PAM, JupyterHub's default) and each server runs
as that user. Limits are enforced when ``jupyterhub-systemdspawner`` is installed
(``deploy/jupyterhub/requirements-hub.txt``; it needs systemd): each server is a systemd
unit with ``MemoryMax`` and ``CPUQuota``. Without it the hub falls back to JupyterHub's
local process spawner, which does not enforce limits, and says so in its log.

``tools/loadtest.py`` (``make loadtest``) loads this file and replaces only the log-in
(dummy users), the spawner (local processes, as it runs without systemd) and the ports,
so the environment, the limits' values and the server options below are the ones tested.
"""

import importlib.util
import logging
import os
from pathlib import Path

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

KIT = Path(os.environ.get("ANATOMY_KIT_DIR", "/opt/anatomy-kit"))
SHARED_STORE = os.environ.get("ANATOMY_KIT_SHARED_DATA", "/srv/anatomy-kit/store")
# make loadtest, 20 students running notebook 02 at once: one student's server plus kernel
# peaked at 331 MiB resident (kernel 181 MiB, server 216 MiB); the limit leaves room for
# three more notebooks open at once (about 180 MiB each). Run All costs a few CPU seconds
# per student, so one core each is plenty (a class starting at once shares the cores).
MEM_LIMIT = os.environ.get("ANATOMY_KIT_MEM_LIMIT", "1G")
CPU_LIMIT = float(os.environ.get("ANATOMY_KIT_CPU_LIMIT", "1"))

# --- what each student gets ---------------------------------------------------------------
c.Spawner.cmd = [str(KIT / ".venv" / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    "ANATOMY_KIT_SHARED_DATA": SHARED_STORE,  # anatomy/store.py looks here (read-only)
    "JUPYTER_CONFIG_PATH": str(KIT / "jupyter"),  # JupyterLab's news pop-up off
}
c.Spawner.mem_limit = MEM_LIMIT
c.Spawner.cpu_limit = CPU_LIMIT
c.Spawner.args = [
    # a kernel idle for 30 min is stopped, and a server with no kernel or browser tab
    # for an hour; work is saved in the student's home folder, nothing is lost
    "--MappingKernelManager.cull_idle_timeout=1800",
    "--MappingKernelManager.cull_interval=300",
    # a class starting at once on few cores: a kernel may take over a minute to answer;
    # past this timeout (default 60 s) the server drops the notebook's connection, and
    # make loadtest saw such a kernel die
    "--MappingKernelManager.kernel_info_timeout=180",
    # kernels talk to their server over Unix sockets in the student's home, not TCP ports
    # on 127.0.0.1: many servers on one machine picking random ports at once collide
    # (make loadtest saw kernels fail with "Address already in use" and take messages of
    # another student's kernel), and other users cannot reach a kernel through them
    "--KernelManager.transport=ipc",
    "--ServerApp.shutdown_no_activity_timeout=3600",
]
# a class starts at once: 30 servers start in a few seconds each (make loadtest)
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
c.JupyterHub.concurrent_spawn_limit = 100

# --- the machine --------------------------------------------------------------------------
# behind the institution's HTTPS reverse proxy; or set c.JupyterHub.ssl_cert / ssl_key
c.JupyterHub.bind_url = os.environ.get("ANATOMY_KIT_HUB_URL", "http://127.0.0.1:8000")
chp = KIT / "node_modules" / ".bin" / "configurable-http-proxy"  # npm ci, package-lock.json
if chp.exists():
    c.ConfigurableHTTPProxy.command = [str(chp)]
if importlib.util.find_spec("systemdspawner") is not None:
    c.JupyterHub.spawner_class = "systemd"
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.disable_user_sudo = True
    c.SystemdSpawner.unit_extra_properties = {"TasksMax": "200"}  # no fork bombs
else:
    logging.getLogger("JupyterHub").warning(
        "jupyterhub-systemdspawner is not installed: student servers are local processes "
        "and the memory and CPU limits (%s, %s CPU) are not enforced", MEM_LIMIT, CPU_LIMIT)

# --- who logs in --------------------------------------------------------------------------
c.PAMAuthenticator.allowed_groups = {os.environ.get("ANATOMY_KIT_STUDENT_GROUP", "students")}
c.Authenticator.admin_users = {
    name.strip() for name in os.environ.get("ANATOMY_KIT_ADMINS", "").split(",") if name.strip()
}
