"""Demo products of Cooperativa Carta Canta, the print shop and bindery in Bollate."""

from shop.catalog.demo_data.types import Bilingual as B
from shop.catalog.demo_data.types import PersonalData as P
from shop.catalog.demo_data.types import ProductData
from shop.catalog.demo_data.types import VariantData as V
from shop.catalog.demo_data.types import label as L

COOP = "carta-canta"
CATEGORY = "carta-stampa"
GOODS = 2200

PRODUCTS: tuple[ProductData, ...] = (
    ProductData(
        slug="quaderno-a5-rilegato", cooperative=COOP, category=CATEGORY,
        name=B("Quaderno A5 rilegato a mano", "Hand-bound A5 notebook"),
        description=B(
            "Un quaderno da 96 pagine in carta da 100 grammi, cucito a filo refe, con la "
            "copertina in cartoncino serigrafato. Si apre piatto sul tavolo: ideale per "
            "scrivere e disegnare. Formato A5.",
            "A 96-page notebook in 100 gsm paper, thread-sewn, with a screen-printed card "
            "cover. It opens flat on the table, ideal for writing and sketching. A5 format."),
        origin_story=B(
            "Le pagine sono ritagliate dagli scarti di una grande tipografia milanese: fogli "
            "avanzati dalle tirature, troppo belli per il macero. A Bollate li pieghiamo, "
            "cuciamo le segnature a mano e stampiamo le copertine in serigrafia, un colore "
            "alla volta. Ogni quaderno paga quaranta minuti di lavoro.",
            "The pages are cut from the offcuts of a large Milan printing house: sheets left "
            "over from print runs, too good to pulp. At Bollate we fold them, sew the "
            "signatures by hand and screen-print the covers one colour at a time. Each "
            "notebook pays for forty minutes of work."),
        materials=B("carta di recupero da 100 g/m², cartoncino riciclato, filo di cotone",
                    "recovered 100 gsm paper, recycled card, cotton thread"),
        vat_rate_bp=GOODS,
        variants=(
            V("CC-NTB-DOT", L("Puntinato", "Dotted"), 1200, 220, 35, 6),
            V("CC-NTB-LIN", L("A righe", "Lined"), 1200, 220, 28),
            V("CC-NTB-PLN", L("Pagine bianche", "Plain"), 1200, 220, 20),
        ),
        impact_minutes_per_unit=40, recovered_grams_per_unit=150, age_days=140,
        motif="notebook", tint="ink", featured=True, extra_images=1),
    ProductData(
        slug="taccuini-tascabili", cooperative=COOP, category=CATEGORY,
        name=B("Taccuini tascabili A6, set di 3", "Pocket A6 notebooks, set of 3"),
        description=B(
            "Tre taccuini sottili con copertina kraft e 48 pagine ciascuno: a righe, a "
            "quadretti e bianche. Stanno in tasca e in borsa, per la lista della spesa o "
            "un'idea al volo.",
            "Three slim notebooks with kraft covers and 48 pages each: lined, squared and "
            "plain. They fit in a pocket or a bag, for a shopping list or a sudden idea."),
        origin_story=B(
            "Sono cuciti a punto metallico con una vecchia cucitrice a pedale che abbiamo "
            "rimesso in funzione in laboratorio. La copertina è cartone da imballaggio "
            "recuperato, tagliato e stampato a Bollate. Ogni set paga mezz'ora di lavoro.",
            "They are saddle-stitched on an old foot-operated stitcher we brought back to "
            "life in the workshop. The cover is recovered packing board, cut and printed at "
            "Bollate. Each set pays for half an hour of work."),
        materials=B("carta riciclata, cartone kraft di recupero",
                    "recycled paper, recovered kraft board"),
        vat_rate_bp=GOODS,
        variants=(V("CC-PKT-SET", L("Set di 3", "Set of 3"), 900, 150, 30),),
        impact_minutes_per_unit=30, recovered_grams_per_unit=120, age_days=65,
        motif="notebook", tint="kraft"),
    ProductData(
        slug="serigrafia-navigli", cooperative=COOP, category=CATEGORY,
        name=B("Stampa serigrafica «I Navigli»", "“The Navigli” screen print"),
        description=B(
            "Una veduta del Naviglio Grande al tramonto, in quattro colori stampati uno sopra "
            "l'altro su carta di cotone. Tiratura limitata, numerata a mano. Senza cornice.",
            "A view of the Naviglio Grande at sunset, in four colours printed one over "
            "another on cotton paper. Limited edition, numbered by hand. Unframed."),
        origin_story=B(
            "Il disegno è nato durante un corso di illustrazione tenuto a Bollate da "
            "un'artista milanese; Elena l'ha poi separato in quattro colori e inciso sui "
            "telai. Ogni foglio passa quattro volte sotto la racla, con un giorno di "
            "asciugatura fra un colore e l'altro. Ogni stampa paga quasi un'ora di lavoro.",
            "The drawing was born during an illustration course given at Bollate by a Milanese "
            "artist; Elena then separated it into four colours and exposed them onto the "
            "screens. Every sheet passes under the squeegee four times, with a day of drying "
            "between colours. Each print pays for nearly an hour of work."),
        materials=B("carta di cotone da 300 g/m², inchiostri ad acqua",
                    "300 gsm cotton paper, water-based inks"),
        vat_rate_bp=GOODS,
        variants=(
            V("CC-NAV-3040", L("30 × 40 cm"), 2500, 250, 12),
            V("CC-NAV-5070", L("50 × 70 cm"), 4200, 400, 6),
        ),
        impact_minutes_per_unit=55, recovered_grams_per_unit=0, age_days=100,
        motif="frame", tint="ink", extra_images=1),
    ProductData(
        slug="biglietti-letterpress", cooperative=COOP, category=CATEGORY,
        name=B("Biglietti d'auguri in letterpress, set di 5",
               "Letterpress greeting cards, set of 5"),
        description=B(
            "Cinque biglietti pieghevoli con busta, stampati a rilievo con caratteri in legno "
            "e in piombo: «Grazie», «Auguri», «Ciao» e due con soli motivi decorativi. "
            "Interno bianco, da scrivere a mano.",
            "Five folded cards with envelopes, letterpress-printed with wood and lead type: "
            "“Grazie”, “Auguri”, “Ciao” and two with decorative patterns only. Blank inside, "
            "for writing by hand."),
        origin_story=B(
            "Li stampiamo su una platina tipografica degli anni Sessanta, restaurata da un "
            "tipografo in pensione che ancora oggi passa a trovarci. Le lettere si compongono "
            "a mano, una per una, nel compositoio; le buste sono piegate da carta da pacchi "
            "recuperata. Ogni set paga mezz'ora di lavoro.",
            "We print them on a 1960s platen press restored by a retired printer who still "
            "drops by. Letters are set by hand, one by one, in the composing stick; the "
            "envelopes are folded from recovered wrapping paper. Each set pays for half an "
            "hour of work."),
        materials=B("cartoncino di cotone, buste in carta da pacchi recuperata",
                    "cotton card, envelopes from recovered wrapping paper"),
        vat_rate_bp=GOODS,
        variants=(V("CC-CRD-SET", L("Set di 5", "Set of 5"), 1000, 120, 40, 8),),
        impact_minutes_per_unit=30, recovered_grams_per_unit=40, age_days=15,
        motif="cards", tint="brick"),
    ProductData(
        slug="calendario-perpetuo", cooperative=COOP, category=CATEGORY,
        name=B("Calendario perpetuo da parete", "Perpetual wall calendar"),
        description=B(
            "Un calendario senza anno: 31 fogli numerati tenuti da un anello, da voltare ogni "
            "giorno, e dodici cartoncini con i mesi. Dura per sempre, ed è bello appeso in "
            "cucina.",
            "A calendar with no year: 31 numbered sheets held by a ring, to turn each day, "
            "and twelve cards for the months. It lasts forever and looks lovely hanging in "
            "the kitchen."),
        origin_story=B(
            "I numeri sono composti con caratteri in legno della collezione del laboratorio, "
            "alcuni con più di cent'anni. Stampiamo su cartoncino di recupero e foriamo i "
            "fogli a mano, a Bollate. Ogni calendario paga tre quarti d'ora di lavoro.",
            "The numbers are set in wood type from the workshop's collection, some pieces "
            "more than a hundred years old. We print on recovered card and punch the sheets "
            "by hand, at Bollate. Each calendar pays for forty-five minutes of work."),
        materials=B("cartoncino di recupero, anello in metallo", "recovered card, metal ring"),
        vat_rate_bp=GOODS,
        variants=(V("CC-CAL-ONE", L("Standard"), 1500, 300, 14),),
        impact_minutes_per_unit=45, recovered_grams_per_unit=90, age_days=190,
        motif="calendar", tint="ink"),
    ProductData(
        slug="segnalibri-illustrati", cooperative=COOP, category=CATEGORY,
        name=B("Segnalibri illustrati, set di 4", "Illustrated bookmarks, set of 4"),
        description=B(
            "Quattro segnalibri in cartoncino spesso, illustrati con piante e animali di "
            "città: il merlo, il passero, il platano e il tarassaco. Con nappina in cotone.",
            "Four thick card bookmarks illustrated with city plants and animals: the "
            "blackbird, the sparrow, the plane tree and the dandelion. With a cotton tassel."),
        origin_story=B(
            "Nascono dagli sfridi dei nostri quaderni: le strisce di cartoncino che restano "
            "dopo il taglio delle copertine. Le illustrazioni sono di Giulia, che ha imparato "
            "a disegnare al corso di grafica del laboratorio. Ogni set paga un quarto d'ora di "
            "lavoro.",
            "They are made from the trimmings of our notebooks: the strips of card left over "
            "when the covers are cut. The illustrations are by Giulia, who learned to draw on "
            "the workshop's graphic design course. Each set pays for a quarter of an hour of "
            "work."),
        materials=B("cartoncino di recupero, nappina in cotone", "recovered card, cotton tassel"),
        vat_rate_bp=GOODS,
        variants=(V("CC-BKM-SET", L("Set di 4", "Set of 4"), 500, 30, 38),),
        impact_minutes_per_unit=15, recovered_grams_per_unit=20, age_days=210,
        motif="bookmarks", tint="sage"),
    ProductData(
        slug="poster-personalizzato", cooperative=COOP, category=CATEGORY,
        name=B("Poster tipografico personalizzato", "Personalised letterpress poster"),
        description=B(
            "Un poster tipografico con le parole che scegliete voi: un nome, una data, un "
            "verso, fino a 60 caratteri. Lo componiamo a mano con caratteri in legno e lo "
            "stampiamo in due colori. Prima della stampa vi mandiamo una bozza.",
            "A typographic poster with the words you choose: a name, a date, a line of "
            "poetry, up to 60 characters. We set it by hand in wood type and print it in two "
            "colours. We send you a proof before printing."),
        origin_story=B(
            "Ogni poster è un piccolo lavoro di composizione: scegliamo i caratteri, li "
            "serriamo nella forma e tiriamo una prova a inchiostro. A Bollate la composizione "
            "è il compito più ambito, perché è quello in cui si vede di più la mano di chi "
            "lavora. Ogni poster paga un'ora e mezza di lavoro.",
            "Every poster is a small typesetting job: we choose the type, lock it up in the "
            "forme and pull an ink proof. At Bollate typesetting is the most sought-after "
            "task, because it is where the hand of the person at work shows most. Each "
            "poster pays for an hour and a half of work."),
        materials=B("carta di cotone da 300 g/m², inchiostri ad acqua",
                    "300 gsm cotton paper, water-based inks"),
        vat_rate_bp=GOODS,
        variants=(
            V("CC-PRS-A3", L("A3"), 3500, 200),
            V("CC-PRS-5070", L("50 × 70 cm"), 4900, 350),
        ),
        impact_minutes_per_unit=90, recovered_grams_per_unit=0, age_days=50,
        motif="frame", tint="brick", made_to_order=True, lead_time_days=10,
        personal=P(text_kind="print", text_max=60, text_lines=3, text_required=True)),
    ProductData(
        slug="kit-scrivania-regalo", cooperative=COOP, category="regali-aziendali",
        name=B("Kit da scrivania regalo aziendale", "Corporate gift desk kit"),
        description=B(
            "Una scatola con un quaderno A5, un taccuino tascabile, due matite in legno di "
            "recupero e un biglietto in letterpress: un regalo utile per colleghi, clienti e "
            "fornitori. Per quantità e personalizzazioni con il vostro logo chiedete un "
            "preventivo dalla pagina aziende.",
            "A box with an A5 notebook, a pocket notebook, two pencils in reclaimed wood and "
            "a letterpress card: a useful gift for colleagues, clients and suppliers. For "
            "quantities and customisation with your logo, ask for a quote on our business "
            "page."),
        origin_story=B(
            "Il kit mette insieme il lavoro di due laboratori: quaderni e biglietti escono "
            "dalla legatoria di Bollate, le matite le tornisce la falegnameria Venature a "
            "Opera con gli avanzi del rovere. Ogni kit recupera circa 200 grammi di carta e "
            "legno e paga più di un'ora di lavoro.",
            "The kit brings together the work of two workshops: the notebooks and cards come "
            "from the Bollate bindery, and the Venature carpenters at Opera turn the pencils "
            "from oak offcuts. Each kit recovers about 200 grams of paper and wood and pays "
            "for more than an hour of work."),
        materials=B("carta di recupero, cartoncino, legno di rovere, grafite",
                    "recovered paper, card, oak, graphite"),
        vat_rate_bp=GOODS,
        variants=(V("CC-KIT-STD", L("Standard"), 2900, 450, 20, 4),),
        impact_minutes_per_unit=70, recovered_grams_per_unit=200, age_days=30,
        motif="giftbox", tint="ink", extra_images=1),
    ProductData(
        slug="agenda-settimanale", cooperative=COOP, category=CATEGORY,
        name=B("Agenda settimanale senza date", "Undated weekly planner"),
        description=B(
            "Un'agenda da compilare a mano, con 53 settimane senza date: si comincia quando si "
            "vuole. Ogni doppia pagina ha la settimana a sinistra e un foglio a puntini a "
            "destra. Copertina rigida e segnalibro in nastro.",
            "A planner to fill in by hand, with 53 undated weeks: start whenever you like. "
            "Each spread has the week on the left and a dotted page on the right. Hardcover, "
            "with a ribbon marker."),
        origin_story=B(
            "È il prodotto più complesso della legatoria: le pagine vengono stampate, "
            "piegate, cucite e poi incollate a una copertina rigida rivestita a mano. A "
            "Bollate ne rileghiamo una ventina alla settimana. Ogni agenda paga cinquanta "
            "minuti di lavoro.",
            "It is the bindery's most complex product: the pages are printed, folded, sewn "
            "and then glued into a hand-covered hardcover. At Bollate we bind about twenty a "
            "week. Each planner pays for fifty minutes of work."),
        materials=B("carta di recupero, cartone rigido, tela da legatoria, nastro in cotone",
                    "recovered paper, board, bookcloth, cotton ribbon"),
        vat_rate_bp=GOODS,
        variants=(
            V("CC-AGE-INK", L("Blu inchiostro", "Ink blue"), 1600, 320, 16),
            V("CC-AGE-BRK", L("Rosso mattone", "Brick red"), 1600, 320, 0),
        ),
        impact_minutes_per_unit=50, recovered_grams_per_unit=180, age_days=5,
        motif="notebook", tint="brick"),
)
