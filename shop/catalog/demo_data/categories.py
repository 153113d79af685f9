"""Demo categories, in the order the storefront lists them."""

from shop.catalog.demo_data.types import Bilingual as B
from shop.catalog.demo_data.types import CategoryData

CATEGORIES: tuple[CategoryData, ...] = (
    CategoryData(
        "abbigliamento-accessori", 10,
        B("Abbigliamento e accessori", "Clothing & accessories"),
        B("Grembiuli, borse e tessili per la casa cuciti nella sartoria di San Vittore.",
          "Aprons, bags and home textiles sewn in the San Vittore tailoring workshop.")),
    CategoryData(
        "forno-dolci", 20,
        B("Forno e dolci", "Bakery & sweets"),
        B("Biscotti, lievitati e pane del forno di Opera, fatti con farine lombarde.",
          "Biscuits, leavened cakes and bread from the Opera bakery, made with Lombard flour.")),
    CategoryData(
        "carta-stampa", 30,
        B("Carta e stampa", "Paper & print"),
        B("Quaderni rilegati a mano, serigrafie e biglietti stampati in letterpress a Bollate.",
          "Hand-bound notebooks, screen prints and letterpress cards made at Bollate.")),
    CategoryData(
        "legno-casa", 40,
        B("Legno e casa", "Wood & home"),
        B("Taglieri, mensole e piccoli mobili in legno di recupero dalla falegnameria di Opera.",
          "Boards, shelves and small furniture in reclaimed wood from the Opera carpentry "
          "workshop.")),
    CategoryData(
        "piante-giardino", 50,
        B("Piante e giardino", "Plants & garden"),
        B("Piante coltivate nelle serre di Bollate e tutto quello che serve per farle crescere.",
          "Plants grown in the Bollate greenhouses and everything you need to help them "
          "thrive.")),
    CategoryData(
        "regali-aziendali", 60,
        B("Regali aziendali", "Corporate gifts"),
        B("Cofanetti e kit per clienti e colleghi: per quantità e personalizzazioni chiedete "
          "un preventivo.",
          "Gift boxes and kits for clients and colleagues: for quantities and customisation, "
          "ask for a quote.")),
)
