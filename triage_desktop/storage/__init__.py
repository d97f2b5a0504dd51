"""storage layer (see ARCHITECTURE.md): the local SQLite cache.

database.Database / open_database — the file, engines, transactions, migrations at open;
store.Store — every cache operation the sync engine needs, one transaction each;
workspace.LocalWorkspace — core.ports.Workspace for the window and the command line.
Nothing is imported here, so importing the package stays cheap (SQLAlchemy loads on first use).
"""
