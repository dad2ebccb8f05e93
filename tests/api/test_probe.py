def test_docs(client, db):
    r = client.get("/api/v1/docs/")
    print(r.status_code, type(r))
    html = r.content.decode()
    print(html.count("<table"), len(html))
    i = html.find('id="schema-Change"')
    print(html[i-300:i+800])
