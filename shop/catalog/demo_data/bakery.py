"""Demo products of Cooperativa Lievito Madre, the bakery in Opera.

VAT by Italian law: sweet bakery (biscuits, cakes, panettone) 10%; ordinary bread
products without sugar, honey, eggs or cheese (bread, grissini, taralli) 4%.
"""

from shop.catalog.demo_data.types import Bilingual as B
from shop.catalog.demo_data.types import ProductData
from shop.catalog.demo_data.types import VariantData as V
from shop.catalog.demo_data.types import label as L

COOP = "lievito-madre"
CATEGORY = "forno-dolci"
SWEET = 1000
BREAD = 400

PRODUCTS: tuple[ProductData, ...] = (
    ProductData(
        slug="biscotti-frolla-burro", cooperative=COOP, category=CATEGORY,
        name=B("Biscotti di frolla al burro", "Butter shortbread biscuits"),
        description=B(
            "Frollini friabili al burro, con una punta di scorza di limone e zucchero di canna "
            "in superficie. Perfetti con il tè o inzuppati nel latte. Si conservano tre mesi "
            "nella loro busta richiudibile.",
            "Crumbly butter shortbread with a hint of lemon zest and a sprinkle of cane sugar "
            "on top. Perfect with tea or dunked in milk. They keep for three months in their "
            "resealable bag."),
        origin_story=B(
            "Li impastiamo all'alba nel forno di Opera, con burro di latteria lombarda e "
            "farina macinata a pietra da un mulino del Pavese. La pasta riposa una notte in "
            "frigorifero, poi viene stesa e tagliata a mano con gli stampini. Ogni busta da "
            "250 grammi paga venti minuti di lavoro.",
            "We mix them at dawn in the Opera bakery, with butter from a Lombard dairy and "
            "stone-ground flour from a mill near Pavia. The dough rests overnight in the "
            "fridge, then it is rolled out and cut by hand. Each 250-gram bag pays for twenty "
            "minutes of work."),
        materials=B("farina di grano tenero, burro, zucchero di canna, uova, limone",
                    "soft wheat flour, butter, cane sugar, eggs, lemon"),
        vat_rate_bp=SWEET,
        variants=(
            V("LM-BIS-250", L("250 g"), 650, 290, 40, 8),
            V("LM-BIS-500", L("500 g"), 1200, 560, 20),
        ),
        impact_minutes_per_unit=20, recovered_grams_per_unit=0, age_days=180,
        motif="cookies", tint="golden", featured=True, extra_images=1),
    ProductData(
        slug="biscotti-caffe-cacao", cooperative=COOP, category=CATEGORY,
        name=B("Biscotti al caffè e cacao", "Coffee and cocoa biscuits"),
        description=B(
            "Biscotti scuri e croccanti, con caffè macinato fine e cacao amaro nell'impasto. "
            "Hanno il profumo di una moka appena tolta dal fuoco. Ottimi a fine pasto o a metà "
            "pomeriggio.",
            "Dark, crunchy biscuits with finely ground coffee and bitter cocoa in the dough. "
            "They smell like a moka pot just off the stove. Lovely after a meal or in the "
            "middle of the afternoon."),
        origin_story=B(
            "Il caffè è quello della stessa torrefazione milanese che regala i sacchi di juta "
            "alla sartoria Filo Dritto: una piccola filiera tutta interna al consorzio. Nel "
            "forno di Opera tostiamo leggermente il cacao prima di impastare, per dare più "
            "profondità al gusto. Ogni busta paga venti minuti di lavoro.",
            "The coffee comes from the same Milan roaster that gives its jute sacks to the "
            "Filo Dritto tailors: a small supply chain inside the consortium. In the Opera "
            "bakery we lightly toast the cocoa before mixing, for a deeper flavour. Each bag "
            "pays for twenty minutes of work."),
        materials=B("farina, burro, zucchero, caffè arabica, cacao amaro",
                    "flour, butter, sugar, arabica coffee, bitter cocoa"),
        vat_rate_bp=SWEET,
        variants=(V("LM-CAF-250", L("250 g"), 700, 290, 28, 6),),
        impact_minutes_per_unit=20, recovered_grams_per_unit=0, age_days=35,
        motif="cookies", tint="cocoa"),
    ProductData(
        slug="cantucci-mandorle", cooperative=COOP, category=CATEGORY,
        name=B("Cantucci alle mandorle", "Almond cantucci"),
        description=B(
            "Biscotti secchi e croccanti con mandorle intere, da intingere nel vin santo o nel "
            "caffè. Cotti due volte, come vuole la ricetta toscana.",
            "Dry, crunchy biscuits with whole almonds, for dipping in vin santo or coffee. "
            "Baked twice, as the Tuscan recipe requires."),
        origin_story=B(
            "La ricetta ce l'ha insegnata un pasticcere volontario di Prato, che per due anni "
            "è venuto in laboratorio ogni martedì. Il filone si cuoce una prima volta, si "
            "taglia a fette ancora tiepido e torna in forno ad asciugare. Ogni busta paga "
            "venticinque minuti di lavoro.",
            "A volunteer pastry chef from Prato taught us the recipe, coming to the workshop "
            "every Tuesday for two years. The log is baked once, sliced while still warm and "
            "goes back into the oven to dry. Each bag pays for twenty-five minutes of work."),
        materials=B("farina, zucchero, mandorle, uova, miele",
                    "flour, sugar, almonds, eggs, honey"),
        vat_rate_bp=SWEET,
        variants=(V("LM-CNT-250", L("250 g"), 750, 290, 24),),
        impact_minutes_per_unit=25, recovered_grams_per_unit=0, age_days=110,
        motif="cantucci", tint="golden"),
    ProductData(
        slug="panettone-tradizionale", cooperative=COOP, category=CATEGORY,
        name=B("Panettone milanese tradizionale", "Traditional Milanese panettone"),
        description=B(
            "Il panettone come si fa a Milano: lievito madre, burro, uvetta e scorze d'arancia "
            "candite, incartato a mano. Alto, soffice e profumato di vaniglia. Si conserva due "
            "mesi.",
            "Panettone the way Milan makes it: sourdough starter, butter, raisins and candied "
            "orange peel, wrapped by hand. Tall, soft and scented with vanilla. It keeps for "
            "two months."),
        origin_story=B(
            "Ci vogliono tre giorni: due impasti, lunghe lievitazioni e una notte a testa in "
            "giù per raffreddarsi senza sgonfiarsi. Nel forno di Opera il lievito madre è "
            "rinfrescato ogni mattina da Davide, che lo cura come un animale domestico. Ogni "
            "panettone da un chilo paga un'ora di lavoro.",
            "It takes three days: two doughs, long rises and a night upside down so it cools "
            "without sinking. In the Opera bakery the starter is refreshed every morning by "
            "Davide, who looks after it like a pet. Each one-kilo panettone pays for an hour "
            "of work."),
        materials=B("farina, burro, tuorli, uvetta, arance candite, lievito madre",
                    "flour, butter, egg yolks, raisins, candied orange, sourdough starter"),
        vat_rate_bp=SWEET,
        variants=(
            V("LM-PAN-1KG", L("1 kg"), 2800, 1250, 15, 6),
            V("LM-PAN-500", L("500 g"), 1600, 650, 18, 4),
        ),
        impact_minutes_per_unit=60, recovered_grams_per_unit=0, age_days=8,
        motif="dome", tint="golden", featured=True, extra_images=1),
    ProductData(
        slug="torta-nocciole", cooperative=COOP, category=CATEGORY,
        name=B("Torta di nocciole", "Hazelnut cake"),
        description=B(
            "Una torta bassa e umida, fatta quasi solo di nocciole tostate. Si taglia a "
            "spicchi sottili e si accompagna al caffè. Si conserva tre settimane.",
            "A low, moist cake made almost entirely of toasted hazelnuts. Cut it in thin "
            "wedges and serve it with coffee. It keeps for three weeks."),
        origin_story=B(
            "Le nocciole arrivano dalle Langhe, da un'azienda agricola che lavora già con "
            "un'altra cooperativa sociale. Le tostiamo nel forno di Opera, le maciniamo "
            "grossolanamente e le uniamo a uova e zucchero. Ogni torta paga trentacinque "
            "minuti di lavoro.",
            "The hazelnuts come from the Langhe, from a farm that already works with another "
            "social cooperative. We toast them in the Opera oven, grind them coarsely and "
            "fold them into eggs and sugar. Each cake pays for thirty-five minutes of work."),
        materials=B("nocciole, uova, zucchero, burro, farina di riso",
                    "hazelnuts, eggs, sugar, butter, rice flour"),
        vat_rate_bp=SWEET,
        variants=(V("LM-TNC-450", L("450 g"), 1400, 500, 10),),
        impact_minutes_per_unit=35, recovered_grams_per_unit=0, age_days=55,
        motif="cake", tint="hazel"),
    ProductData(
        slug="grissini-stirati", cooperative=COOP, category=CATEGORY,
        name=B("Grissini stirati a mano", "Hand-stretched grissini"),
        description=B(
            "Grissini lunghi e irregolari, stirati uno a uno, con olio extravergine e un "
            "pizzico di sale. Friabili e senza conservanti. Da sgranocchiare all'aperitivo.",
            "Long, irregular grissini stretched one by one, with extra virgin olive oil and a "
            "pinch of salt. Crumbly, with no preservatives. For nibbling with an aperitivo."),
        origin_story=B(
            "È il prodotto su cui si impara il mestiere: l'impasto è semplice, ma stirare "
            "grissini tutti della stessa lunghezza richiede mani esperte. Nel forno di Opera "
            "ne facciamo tre infornate al giorno. Ogni sacchetto paga venti minuti di lavoro.",
            "This is the product everyone learns the trade on: the dough is simple, but "
            "stretching grissini all to the same length takes practised hands. In the Opera "
            "bakery we bake three batches a day. Each bag pays for twenty minutes of work."),
        materials=B("farina di grano tenero, acqua, olio extravergine d'oliva, lievito, sale",
                    "soft wheat flour, water, extra virgin olive oil, yeast, salt"),
        vat_rate_bp=BREAD,
        variants=(V("LM-GRS-250", L("250 g"), 450, 280, 30),),
        impact_minutes_per_unit=20, recovered_grams_per_unit=0, age_days=160,
        motif="sticks", tint="golden"),
    ProductData(
        slug="taralli-olio", cooperative=COOP, category=CATEGORY,
        name=B("Taralli all'olio extravergine", "Extra virgin olive oil taralli"),
        description=B(
            "Piccoli anelli croccanti, prima bolliti e poi cotti al forno, con olio "
            "extravergine e semi di finocchio. Uno tira l'altro. Senza conservanti.",
            "Small crunchy rings, boiled and then baked, with extra virgin olive oil and "
            "fennel seeds. Hard to stop at one. No preservatives."),
        origin_story=B(
            "La ricetta è pugliese: l'ha portata in forno un collega cresciuto tra Bari e "
            "Lecce, e da allora è una delle più vendute. Ogni tarallo è arrotolato a mano e "
            "scottato in acqua prima della cottura. Ogni sacchetto paga venticinque minuti di "
            "lavoro.",
            "The recipe is from Puglia: a colleague who grew up between Bari and Lecce "
            "brought it to the bakery, and it has been one of our best sellers ever since. "
            "Every tarallo is rolled by hand and blanched in water before baking. Each bag "
            "pays for twenty-five minutes of work."),
        materials=B("farina, olio extravergine d'oliva, vino bianco, semi di finocchio, sale",
                    "flour, extra virgin olive oil, white wine, fennel seeds, salt"),
        vat_rate_bp=BREAD,
        variants=(V("LM-TAR-300", L("300 g"), 500, 330, 26),),
        impact_minutes_per_unit=25, recovered_grams_per_unit=0, age_days=85,
        motif="rings", tint="golden"),
    ProductData(
        slug="pagnotta-segale-noci", cooperative=COOP, category=CATEGORY,
        name=B("Pagnotta di segale e noci", "Rye and walnut loaf"),
        description=B(
            "Una pagnotta scura e profumata, a lievitazione naturale, piena di gherigli di "
            "noce. Resta morbida cinque giorni e tostata è ancora più buona.",
            "A dark, fragrant sourdough loaf packed with walnut halves. It stays soft for five "
            "days and is even better toasted."),
        origin_story=B(
            "La sforniamo la mattina stessa della spedizione, o della consegna al negozio di "
            "Viale dei Mille. Farina di segale integrale, lievito madre e dodici ore di "
            "lievitazione nel forno di Opera. Ogni pagnotta paga mezz'ora di lavoro.",
            "We bake it the same morning it ships, or the morning it goes to the Viale dei "
            "Mille store. Wholegrain rye flour, sourdough starter and twelve hours of rising "
            "in the Opera bakery. Each loaf pays for half an hour of work."),
        materials=B("farina di segale integrale, farina di grano tenero, noci, lievito madre, "
                    "sale",
                    "wholegrain rye flour, soft wheat flour, walnuts, sourdough starter, salt"),
        vat_rate_bp=BREAD,
        variants=(V("LM-PSN-500", L("500 g"), 550, 550, 8, 3),),
        impact_minutes_per_unit=30, recovered_grams_per_unit=0, age_days=25,
        motif="loaf", tint="crust"),
    ProductData(
        slug="cofanetto-dolce-lavoro", cooperative=COOP, category="regali-aziendali",
        name=B("Cofanetto regalo aziendale «Dolce lavoro»",
               "“Sweet Work” corporate gift box"),
        description=B(
            "Una scatola in cartone stampata a mano con biscotti di frolla, biscotti al caffè "
            "e cantucci: un regalo aziendale che racconta anche dove è stato fatto. Su "
            "richiesta aggiungiamo un biglietto con il vostro logo e un messaggio. Per ordini "
            "da 20 pezzi in su chiedete un preventivo.",
            "A hand-printed cardboard box with shortbread, coffee biscuits and cantucci: a "
            "corporate gift that also tells where it was made. On request we add a card with "
            "your logo and a message. For orders of 20 or more, ask for a quote."),
        origin_story=B(
            "È un lavoro a quattro mani fra due cooperative: i biscotti escono dal forno di "
            "Opera, la scatola e il biglietto li stampa Carta Canta a Bollate su cartone di "
            "recupero. Prepariamo ogni cofanetto su ordinazione, così i biscotti arrivano "
            "freschi. Ogni cofanetto paga un'ora e un quarto di lavoro fra i due laboratori.",
            "It is a joint effort between two cooperatives: the biscuits come out of the Opera "
            "bakery, while Carta Canta at Bollate prints the box and card on recovered board. "
            "We make each box to order, so the biscuits arrive fresh. Each box pays for an "
            "hour and a quarter of work across the two workshops."),
        materials=B("biscotti assortiti, scatola in cartone riciclato",
                    "assorted biscuits, recycled cardboard box"),
        vat_rate_bp=SWEET,
        variants=(
            V("LM-BOX-STD", L("Standard"), 2500, 900),
            V("LM-BOX-LOGO", L("Con biglietto personalizzato", "With a personalised card"),
              2900, 920),
        ),
        impact_minutes_per_unit=75, recovered_grams_per_unit=120, age_days=45,
        motif="giftbox", tint="brick", made_to_order=True, lead_time_days=14,
        extra_images=1),
)
