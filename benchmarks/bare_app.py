"""The ceiling for benchmarks/load.py: a bare Flask app rendering a 12-item Jinja template."""

from flask import Flask, render_template_string

app = Flask(__name__)

PAGE = """<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Bare</title></head>
<body><main><h1>Prodotti</h1><ul>
{% for item in items %}<li><a href="/p/{{ item.slug }}">{{ item.name }}</a> € {{ item.price }}</li>
{% endfor %}</ul></main></body></html>"""
ITEMS = [{"slug": f"prodotto-{n}", "name": f"Prodotto {n}", "price": f"{n},50"} for n in range(12)]


@app.get("/")
def page():
    return render_template_string(PAGE, items=ITEMS)
