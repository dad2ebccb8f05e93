"""``{% fragment name part … %}…{% endfragment %}``: a part of a page cached until the organisation's
content changes (``hallbar.organisations.content.fragment``).

    {% load fragments %}
    {% fragment "goal-page" object.pk %}{# the expensive part #}{% endfragment %}

The key holds the active organisation, its content version, the language, today's date, the name and
every part given: name each thing the part shows that is not the organisation's content (the record,
the unit shown, the user if it holds per-user links or follows the user's scope). Pass the expensive
data to the template lazily (``SimpleLazyObject``) so a cached part costs no queries. Without an
active organisation the part is rendered as it is.
"""

from django import template

from hallbar.organisations.content import fragment as cached_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, expressions):
        self.nodelist = nodelist
        self.expressions = expressions

    def render(self, context):
        name, *parts = (expression.resolve(context) for expression in self.expressions)
        organisation = getattr(context.get("request"), "organisation", None)
        if not organisation:  # also the lazy "no organisation" of an anonymous request
            return self.nodelist.render(context)
        return cached_fragment(organisation, name, tuple(parts), lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    expressions = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not expressions:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, expressions)
