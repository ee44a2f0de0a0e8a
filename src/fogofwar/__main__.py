"""``python -m fogofwar`` runs the same CLI as the ``fogofwar`` command."""

from fogofwar.cli import main

main()
