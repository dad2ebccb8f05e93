"""What other apps add to an action's page, without the actions app importing them.

An app that knows more about an action than this app does (e.g. the good example it was copied from)
registers a panel in its ``AppConfig.ready()`` with :func:`register_panel`. A panel is a function of
``(request, action)`` that returns None (nothing to show) or a dict with the ``template`` to include and
the context that template needs. The action's page includes the panels that answer, in the order they
were registered. The arrows of the layers stay pointing down: the higher app registers here.
"""

ACTION_PANELS: list = []


def register_panel(panel) -> None:
    if panel not in ACTION_PANELS:
        ACTION_PANELS.append(panel)


def panels_for(request, action) -> list[dict]:
    found = (panel(request, action) for panel in ACTION_PANELS)
    return [panel for panel in found if panel]
