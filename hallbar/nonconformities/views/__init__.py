"""The nonconformity pages: the list and the page of one (:mod:`.pages`), the forms that write
(:mod:`.edit`) and the stage changes (:mod:`.stages`)."""
